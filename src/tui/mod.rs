//! The cockpit.
