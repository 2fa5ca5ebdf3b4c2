fn main() {
    println!("{}", broken::greeting());
}
