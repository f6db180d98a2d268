using Microsoft.Extensions.Configuration;

namespace CleanChat.Infrastructure.Persistence;

public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>
    /// Where the chats are stored: <c>Sqlite</c> (the default: one file, one node) or <c>Postgres</c>
    /// (one database shared by any number of nodes). <c>ConnectionStrings:CleanChat</c> names the file or the database.
    /// </summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>The configured provider, refusing a misspelt one at start-up rather than falling back to SQLite.</summary>
    public static DatabaseProvider ProviderFrom(IConfiguration configuration)
    {
        var configured = configuration[$"{SectionName}:{nameof(Provider)}"];
        if (string.IsNullOrWhiteSpace(configured))
            return DatabaseProvider.Sqlite;
        return Enum.TryParse<DatabaseProvider>(configured, ignoreCase: true, out var provider) && Enum.IsDefined(provider)
            ? provider
            : throw new InvalidOperationException($"Database:Provider is '{configured}'; it must be Sqlite or Postgres.");
    }

    /// <summary>How long a connection waits for another writer before giving up (SQLite busy_timeout).</summary>
    public int BusyTimeoutMs { get; set; } = 5000;

    /// <summary>
    /// SQLite connections open at once (readers and the one writer); see ConnectionLimitInterceptor.
    /// Two (one reader beside the writer) is the default: re-measured on SQLite 3.53, eight gave no
    /// steady gain under send-heavy load, where sends need no query, and each connection keeps its own
    /// page cache (ADR 0010). Start-up needs at least two.
    /// </summary>
    public int MaxOpenConnections { get; set; } = 2;

    /// <summary>
    /// SQLite <c>synchronous</c> level. FULL (default) syncs the WAL at every commit, so an acknowledged
    /// message survives power loss; NORMAL survives process crashes only.
    /// </summary>
    public SqliteSynchronous Synchronous { get; set; } = SqliteSynchronous.Full;

    /// <summary>
    /// Page cache per connection, in KiB (SQLite's default is 2,000). Sends land in many chats at once, so each
    /// commit touches a page of the chat index per chat; with the default cache those pages were read back
    /// from the file on every commit, which doubled the writer's CPU per message (docs/performance.md).
    /// </summary>
    public int CacheSizeKiB { get; set; } = 32 * 1024;

    /// <summary>
    /// WAL pages (4 KiB each) after which a commit also copies them into the database file. SQLite's default
    /// of 1,000 made nearly every group commit under load pay for a checkpoint as well; 10,000 (a WAL of
    /// about 40 MiB) checkpoints a tenth as often, and pages rewritten meanwhile are copied once.
    /// </summary>
    public int WalAutoCheckpointPages { get; set; } = 10_000;

    /// <summary>Most messages committed in one transaction by the message writer (group commit).</summary>
    public int MaxMessagesPerCommit { get; set; } = 512;

    /// <summary>
    /// Shortest time between the starts of two group commits, in milliseconds. A message arriving after a
    /// quiet spell is committed at once; under load, messages gather for up to this long, so one fsync
    /// and one write of each touched page serve more of them (docs/performance.md, "Send path"). 0 commits
    /// whatever is queued as soon as the previous commit ends.
    /// </summary>
    public int MinCommitIntervalMs { get; set; } = 4;

    /// <summary>Messages waiting for the writer before senders are made to wait too (back-pressure).</summary>
    public int MessageQueueCapacity { get; set; } = 8192;

    /// <summary>Chat snapshots (who may post) kept in memory.</summary>
    public int CachedChats { get; set; } = 100_000;

    /// <summary>Display names kept in memory.</summary>
    public int CachedNames { get; set; } = 100_000;
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public enum SqliteSynchronous
{
    Normal,
    Full,
}
