//! Reports written from the book for people outside the cockpit: the QBR brief, and the
//! manager's weekly team report.

pub mod html;
pub mod qbr;
pub mod svg;
pub mod team;
