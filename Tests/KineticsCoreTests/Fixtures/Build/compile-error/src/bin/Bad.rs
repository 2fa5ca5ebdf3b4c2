fn main() {
    let count: u32 = broken::greeting();
    println!("{count}");
}
