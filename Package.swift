// swift-tools-version: 6.0
import PackageDescription

// Architecture: pure core (RIRModel, RIRParser, RIRDiff, RIRRetention) that does
// no I/O and reads no clock; adapters (RIRStore over SQLite); composition in the
// `rir-archive` executable.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "rir-archive",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "rir-archive", targets: ["rir-archive"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // MARK: - System libraries
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0",
                       providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl",
                       providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd",
                       providers: [.apt(["libzstd-dev"])]),

        // MARK: - Pure core
        .target(name: "RIRModel",
                dependencies: [.product(name: "Crypto", package: "swift-crypto")],
                swiftSettings: strict),
        .target(name: "RIRParser", dependencies: ["RIRModel", "CLibXML2"], swiftSettings: strict),
        .target(name: "RIRDiff", dependencies: ["RIRModel"], swiftSettings: strict),
        .target(name: "RIRRetention", dependencies: ["RIRModel"], swiftSettings: strict),

        // MARK: - Adapters
        .target(name: "RIRStore",
                dependencies: ["RIRModel", "CZstd", .product(name: "GRDB", package: "GRDB.swift")],
                swiftSettings: strict),

        .target(name: "RIRFetch",
                dependencies: ["RIRModel", "CCurl"],
                swiftSettings: strict),
        .target(name: "RIRConfig",
                dependencies: ["RIRModel", .product(name: "Yams", package: "Yams")],
                swiftSettings: strict),

        // MARK: - Composition
        // The daemon gets its ingest step injected; it never imports the store.
        .target(name: "RIRDaemon",
                dependencies: ["RIRModel", "RIRConfig", .product(name: "Logging", package: "swift-log")],
                swiftSettings: strict),
        .executableTarget(name: "rir-archive",
                          dependencies: [
                              "RIRModel", "RIRParser", "RIRDiff", "RIRRetention", "RIRStore",
                              "RIRConfig", "RIRDaemon", "RIRFetch",
                              .product(name: "ArgumentParser", package: "swift-argument-parser"),
                              .product(name: "Logging", package: "swift-log"),
                          ],
                          swiftSettings: strict),

        // Benchmarks print figures; they are never timed unit tests.
        .executableTarget(name: "rir-archive-bench",
                          dependencies: ["RIRModel", "RIRParser", "RIRDiff", "RIRRetention", "RIRStore",
                                         .product(name: "GRDB", package: "GRDB.swift"),
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          swiftSettings: strict),

        // MARK: - Tests
        .target(name: "RIRTestSupport", dependencies: ["RIRModel"], path: "Sources/RIRTestSupport",
                swiftSettings: strict),
        .testTarget(name: "RIRModelTests", dependencies: ["RIRModel"], swiftSettings: strict),
        .testTarget(name: "RIRParserTests", dependencies: ["RIRParser", "RIRModel", "RIRTestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "RIRDiffTests", dependencies: ["RIRDiff", "RIRModel", "RIRParser", "RIRTestSupport"],
                    exclude: ["Golden"], swiftSettings: strict),
        .testTarget(name: "RIRRetentionTests", dependencies: ["RIRRetention", "RIRModel"],
                    swiftSettings: strict),
        .testTarget(name: "RIRStoreTests",
                    dependencies: ["RIRStore", "RIRModel", "RIRParser", "RIRTestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "RIRFetchTests", dependencies: ["RIRFetch", "RIRModel", "RIRTestSupport"], swiftSettings: strict),
        .testTarget(name: "RIRConfigTests", dependencies: ["RIRConfig"], swiftSettings: strict),
        .testTarget(name: "RIRDaemonTests",
                    dependencies: ["RIRDaemon", "RIRConfig", "RIRModel",
                                   .product(name: "Logging", package: "swift-log")],
                    swiftSettings: strict),
        .testTarget(name: "RIRArchiveCLITests", dependencies: ["RIRTestSupport"],
                    swiftSettings: strict),
    ]
)
