fn main() {
    println!("{}", api::hello());
}
