fn main() {
    println!("{}", halfway::present());
}
