namespace CleanChat.Application.Common.Interfaces;

/// <summary>
/// Whether the service can take one more write now and still answer it promptly. Past its capacity a
/// service that queues every write answers all of them late; one that refuses the excess, telling senders
/// when to come back, keeps answering the rest in time.
/// </summary>
public interface IWriteAdmission
{
    /// <summary>True when a write is admitted; otherwise <paramref name="retryAfter"/> says when to try again.</summary>
    bool TryAdmit(out TimeSpan retryAfter);
}

/// <summary>A request the service refuses with "server busy" instead of queueing it when it is overloaded (see <see cref="IWriteAdmission"/>).</summary>
public interface IShedUnderLoad;
