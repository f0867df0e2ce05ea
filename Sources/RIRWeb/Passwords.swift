import HummingbirdBcrypt

/// Password hashing for `web.users`: bcrypt from hummingbird-auth, never hand-written.
public enum WebPassword {
    /// The bcrypt hash (cost 12) of `password`, for a `web.users` entry.
    public static func hash(_ password: String, cost: UInt8 = 12) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    /// Whether `password` matches the bcrypt `hash`.
    public static func verify(_ password: String, hash: String) -> Bool {
        Bcrypt.verify(password, hash: hash)
    }
}
