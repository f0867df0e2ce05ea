// swift-tools-version: 6.2
import PackageDescription

// How the targets depend on each other (the build enforces it: CI builds with
// `--explicit-target-dependency-import-check error`, so a target imports only what it declares):
//
//   pure core      RIRModel ← RIRParser, RIRDiff, RIRRetention, RIRWARC ← RIRPresentation
//                  (no I/O, no clock, no logging; RIRWARC frames WARC records from byte chunks;
//                  RIRPresentation renders tables, CSV, JSON, text)
//   adapters       RIRStore (SQLite), RIRFetch (libcurl), RIRConfig (YAML), RIRNotify (webhooks and
//                  SMTP over libcurl): each imports the core only, never another adapter
//   application    RIRArchive: the use cases (ingest, WARC in and out, fetch, sweep, export, backup,
//                  notifications, reports, holds, time travel, search) over the adapters and the core;
//                  the only target that sees the adapters together
//   service        RIRDaemon: Dispatch, inotify, signals, sd_notify; imports RIRConfig and the core,
//                  never the store: its effects are injected
//   front ends     rir-archive (one file per command: parse options, call RIRArchive, print),
//                  RIRWeb (read-only pages, feeds, Memento) and rir-archive-bench (figures against
//                  same-run baselines); RIRTestSupport holds what tests (and the benchmark) share
//
// Linux only: inotify, sd_notify and Glibc are used directly (no `platforms` entry claims otherwise).
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .treatAllWarnings(as: .error),
]

let package = Package(
    name: "rir-archive",
    products: [
        .executable(name: "rir-archive", targets: ["rir-archive"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // MARK: - System libraries
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0",
                       providers: [.apt(["libxml2-dev"])]),
        // No pkgConfig: libcurl is loaded with dlopen when first used (see Sources/CCurl/shim.h), not linked.
        .systemLibrary(name: "CCurl",
                       providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd",
                       providers: [.apt(["libzstd-dev"])]),
        // SHA-256 from the system libcrypto (libssl-dev) rather than swift-crypto's vendored
        // BoringSSL: measured here, the BoringSSL build is ~70 s of CPU in every clean (CI) build,
        // and OpenSSL's SHA-256 is as fast (both ~0.5–1.6 GB/s on this machine; a capture is ~35 KB).
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto",
                       providers: [.apt(["libssl-dev"])]),
        // zlib directly, not compress-nio: reading a WARC needs the byte where each gzip member
        // ends (to restart at the next record and report offsets), which its stream API hides.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CBrotli", pkgConfig: "libbrotlidec", providers: [.apt(["libbrotli-dev"])]),

        // MARK: - Pure core
        .target(name: "RIRModel", dependencies: ["CCrypto"], swiftSettings: strict),
        .target(name: "RIRParser", dependencies: ["RIRModel", "CLibXML2"], swiftSettings: strict),
        .target(name: "RIRDiff", dependencies: ["RIRModel"], swiftSettings: strict),
        .target(name: "RIRRetention", dependencies: ["RIRModel"], swiftSettings: strict),
        .target(name: "RIRPresentation", dependencies: ["RIRModel", "RIRRetention"], swiftSettings: strict),
        // WARC (ISO 28500) record framing, HTTP messages and chunked bodies, read from byte chunks
        // and written as bytes: no I/O, no decompression (the application layer streams and inflates).
        .target(name: "RIRWARC", dependencies: ["RIRModel"], swiftSettings: strict),

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
        .target(name: "RIRNotify",
                dependencies: ["RIRModel", "RIRDiff", "CCurl"],
                swiftSettings: strict),

        // MARK: - Application layer
        .target(name: "RIRArchive",
                dependencies: ["RIRModel", "RIRParser", "RIRDiff", "RIRRetention", "RIRPresentation", "RIRStore",
                               "RIRFetch", "RIRConfig", "RIRWARC", "CZlib", "CBrotli", "RIRNotify"],
                swiftSettings: strict),

        // MARK: - Service and front ends
        // The daemon gets its effects injected; it never imports the store or the application layer.
        .target(name: "RIRDaemon",
                dependencies: ["RIRModel", "RIRConfig", .product(name: "Logging", package: "swift-log")],
                swiftSettings: strict),
        // The web front end: read-only pages, Atom feeds and Memento over the application layer.
        .target(name: "RIRWeb",
                dependencies: ["RIRArchive", "RIRPresentation", "RIRDiff", "RIRModel", "RIRStore", "RIRConfig",
                               "RIRRetention",
                               .product(name: "Hummingbird", package: "hummingbird"),
                               .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                               .product(name: "Mustache", package: "swift-mustache"),
                               .product(name: "HTTPTypes", package: "swift-http-types"),
                               .product(name: "Logging", package: "swift-log")],
                swiftSettings: strict),
        .executableTarget(name: "rir-archive",
                          dependencies: [
                              "RIRArchive", "RIRModel", "RIRParser", "RIRDiff", "RIRPresentation", "RIRStore",
                              "RIRConfig", "RIRDaemon", "RIRWeb",
                              .product(name: "ArgumentParser", package: "swift-argument-parser"),
                              .product(name: "Logging", package: "swift-log"),
                          ],
                          swiftSettings: strict),

        // Benchmarks print figures; they are never timed unit tests.
        .executableTarget(name: "rir-archive-bench",
                          dependencies: ["RIRArchive", "RIRModel", "RIRParser", "RIRDiff", "RIRRetention", "RIRStore",
                                         "RIRConfig", "RIRTestSupport", "RIRWARC",
                                         .product(name: "GRDB", package: "GRDB.swift"),
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          swiftSettings: strict),

        // MARK: - Tests
        .target(name: "RIRTestSupport", dependencies: ["RIRModel", "RIRFetch"], path: "Sources/RIRTestSupport",
                swiftSettings: strict),
        .testTarget(name: "RIRModelTests", dependencies: ["RIRModel"], swiftSettings: strict),
        .testTarget(name: "RIRParserTests", dependencies: ["RIRParser", "RIRModel", "RIRTestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "RIRDiffTests", dependencies: ["RIRDiff", "RIRModel", "RIRParser", "RIRTestSupport"],
                    exclude: ["Golden"], swiftSettings: strict),
        .testTarget(name: "RIRRetentionTests", dependencies: ["RIRRetention", "RIRModel", "RIRTestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "RIRPresentationTests",
                    dependencies: ["RIRPresentation", "RIRRetention", "RIRModel", "RIRTestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "RIRArchiveTests",
                    dependencies: ["RIRArchive", "RIRStore", "RIRFetch", "RIRConfig", "RIRModel", "RIRRetention",
                                   "RIRTestSupport", "RIRWARC", "CBrotli", "RIRNotify"],
                    swiftSettings: strict),
        .testTarget(name: "RIRStoreTests",
                    dependencies: ["RIRStore", "RIRModel", "RIRParser", "RIRTestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "RIRFetchTests", dependencies: ["RIRFetch", "RIRModel", "RIRTestSupport"], swiftSettings: strict),
        .testTarget(name: "RIRConfigTests", dependencies: ["RIRConfig", "RIRTestSupport"], swiftSettings: strict),
        .testTarget(name: "RIRWARCTests", dependencies: ["RIRWARC", "RIRModel"], swiftSettings: strict),
        .testTarget(name: "RIRNotifyTests",
                    dependencies: ["RIRNotify", "RIRModel", "RIRDiff", "RIRTestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "RIRDaemonTests",
                    dependencies: ["RIRDaemon", "RIRConfig", "RIRModel", "RIRTestSupport",
                                   .product(name: "Logging", package: "swift-log")],
                    swiftSettings: strict),
        .testTarget(name: "RIRWebTests",
                    dependencies: ["RIRWeb", "RIRArchive", "RIRConfig", "RIRModel", "RIRTestSupport",
                                   .product(name: "Hummingbird", package: "hummingbird"),
                                   .product(name: "HTTPTypes", package: "swift-http-types"),
                                   .product(name: "HummingbirdTesting", package: "hummingbird")],
                    swiftSettings: strict),
        .testTarget(name: "RIRArchiveCLITests", dependencies: ["RIRTestSupport", "RIRModel"], exclude: ["Golden"],
                    swiftSettings: strict),
    ]
)
