// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
]

let package = Package(
    name: "kinetics-tui",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "kinetics-tui", targets: ["KineticsTUI"]),
        .library(name: "KineticsCore", targets: ["KineticsCore"]),
        .executable(name: "kinetics-bench", targets: ["KineticsBenchmarks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .systemLibrary(name: "CNcurses", providers: [.apt(["libncurses-dev"])]),
        .systemLibrary(name: "CCurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "COpenSSL", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CLibDeflate", providers: [.apt(["libdeflate-dev"])]),
        .systemLibrary(name: "CSpawn"),
        .target(
            name: "KineticsCore",
            dependencies: [
                "CCurl",
                "COpenSSL",
                "CLibDeflate",
                "CSpawn",
                "TOMLKit",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "KineticsTUI",
            dependencies: [
                "KineticsCore",
                "CNcurses",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "KineticsBenchmarks",
            dependencies: [
                "KineticsCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/KineticsBenchmarks",
            swiftSettings: strict
        ),
        .testTarget(
            name: "KineticsCoreTests",
            dependencies: ["KineticsCore", "CCurl", "COpenSSL", "CLibDeflate", .product(name: "GRDB", package: "GRDB.swift")],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "KineticsTUITests",
            dependencies: ["KineticsTUI", "KineticsCore", "CNcurses"],
            exclude: ["Goldens"],
            swiftSettings: strict
        ),
    ]
)
