//! Reports written from the book for people outside the cockpit: the QBR brief.

pub mod qbr;
