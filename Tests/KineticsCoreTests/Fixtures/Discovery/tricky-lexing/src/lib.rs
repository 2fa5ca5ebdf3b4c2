#![allow(dead_code, unused)]
//! Everything here is valid Rust that a regex-based scanner gets wrong.
//! #[endpoint(url_path = "/in-inner-doc")] pub async fn nope() {}

/// A doc comment that shows an attribute: #[endpoint(url_path = "/in-doc")]
/* A block comment /* with a nested one */ and #[endpoint(url_path = "/in-block")] fn x() {} */

pub const RAW: &str = r#"
#[endpoint(url_path = "/in-raw-string")]
pub async fn fake() { "#;
pub const RAW2: &str = r##"a "# is not the end, "## ;
pub const BYTES: &[u8] = br#"}{"#;
pub const C_STRING: &core::ffi::CStr = c"}";
pub const OPEN: char = '{';
pub const QUOTE: char = '"';
pub const ESCAPED: char = '\'';
pub const CRAB: char = '🦀';
pub const BYTE: u8 = b'}';

pub struct Holder<'a> { text: &'a str }

impl<'a> Holder<'a> {
    #[endpoint(url_path = "/method")]
    pub async fn method(&'a self) -> &'a str { "}" }
}

macro_rules! generate {
    ($name:ident) => {
        #[endpoint(url_path = "/generated")]
        pub async fn $name() {}
    };
}
generate!(generated);

pub fn body_with_items() {
    #[endpoint(url_path = "/nested-in-body")]
    async fn nested() {}
    let closure = |x: u8| -> u8 { if x > 1 { '}' as u8 } else { b'{' } };
    'outer: loop { break 'outer; }
}

#[endpoint(url_path = "/first")]
pub async fn first<'a>(x: &'a str) -> &'a str { let _s = "/* not a comment"; x }

#[endpoint(
    url_path = "/second/{id}",
    name = "Second",
    // methods = ["DELETE"],
    methods = [/* inline */ "GET"],
)]
pub(crate) async unsafe fn r#second() {}

pub mod inline {
    pub mod deeper {
        #[worker(concurrency = 1, fifo = false,)]
        pub async fn third() {}
    }
}

#[cron(schedule = r"rate(5 minutes)")]
pub async fn fourth() { let _ = r"\"; }

extern "C" {
    #[endpoint(url_path = "/foreign")]
    fn foreign();
}
