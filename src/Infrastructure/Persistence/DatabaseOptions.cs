namespace CleanChat.Infrastructure.Persistence;

public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>How long a connection waits for another writer before giving up (SQLite busy_timeout).</summary>
    public int BusyTimeoutMs { get; set; } = 5000;

    /// <summary>
    /// SQLite connections open at once (readers and the one writer); see ConnectionLimitInterceptor.
    /// Two measured best: one reader beside the writer never races it inside SQLite's WAL read retry,
    /// which sleeps whole seconds in this build (docs/performance.md). Start-up needs at least two.
    /// </summary>
    public int MaxOpenConnections { get; set; } = 2;

    /// <summary>
    /// SQLite <c>synchronous</c> level. FULL (default) syncs the WAL at every commit, so an acknowledged
    /// message survives power loss; NORMAL survives process crashes only.
    /// </summary>
    public SqliteSynchronous Synchronous { get; set; } = SqliteSynchronous.Full;

    /// <summary>Most messages committed in one transaction by the message writer (group commit).</summary>
    public int MaxMessagesPerCommit { get; set; } = 512;

    /// <summary>Messages waiting for the writer before senders are made to wait too (back-pressure).</summary>
    public int MessageQueueCapacity { get; set; } = 8192;

    /// <summary>Chat snapshots (who may post) kept in memory.</summary>
    public int CachedChats { get; set; } = 100_000;

    /// <summary>Display names kept in memory.</summary>
    public int CachedNames { get; set; } = 100_000;
}

public enum SqliteSynchronous
{
    Normal,
    Full,
}
