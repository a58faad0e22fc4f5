// Loading a tenant export into a page: several files at once, by the file picker or by
// dropping them on the zone. Each file is read as text; `onload` gets [{ name, text }] in the
// order given.
export function tenantFiles(zone, picker, onload) {
  const read = async (files) => {
    const list = [...files];
    if (list.length === 0) return;
    onload(await Promise.all(list.map(async (f) => ({ name: f.name, text: await f.text() }))));
  };
  picker.addEventListener("change", () => read(picker.files ?? []));
  zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    zone.classList.add("over");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("over");
    read(event.dataTransfer?.files ?? []);
  });
}

/** Where a tenant object is, named by its file: `role-eligibility-….json /value/0`. */
export function place(files, source) {
  const name = files[source.input]?.name ?? `tenant input ${source.input}`;
  return `${name} ${source.pointer || "/"}`;
}
