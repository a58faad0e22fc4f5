//! The tenant view: who holds which role, how (active or eligible, for how long, through PIM
//! or not), role definitions and PIM alerts — joined over every document of a run, and the
//! cross-object checks (`PIM6xx`) over the joins.

pub mod kinds;
pub mod model;
