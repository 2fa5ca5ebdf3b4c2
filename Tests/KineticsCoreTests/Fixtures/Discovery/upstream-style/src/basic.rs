pub mod cron;
pub mod endpoint;
pub mod worker;
