using CleanChat.Domain.Common;

namespace CleanChat.Domain.Accounts;

/// <summary>
/// A browser's signed-in session, named by a cookie. Only a hash of the cookie's value is kept, so the
/// store's contents cannot be replayed. A session ends when it is ended (logout, a new login over it), when
/// it has gone unused for the idle timeout, or at its maximum age, whichever comes first.
/// </summary>
public sealed class LoginSession : Entity
{
    /// <summary>How stale <see cref="LastSeenAt"/> may get before a use records itself: not every request writes.</summary>
    public static readonly TimeSpan SeenResolution = TimeSpan.FromMinutes(1);

    private LoginSession()
    {
        TokenHash = string.Empty;
    }

    public LoginSession(string tokenHash, ParticipantRef participant, DateTime now, TimeSpan maxAge)
    {
        TokenHash = Guard.Against.NullOrWhiteSpace(tokenHash);
        Guard.Against.RuleBroken(maxAge <= TimeSpan.Zero, "session_max_age", "A session must last a while.");
        ParticipantType = participant.Type;
        ParticipantId = Guard.Against.NegativeOrZero(participant.Id);
        CreatedAt = now;
        LastSeenAt = now;
        ExpiresAt = now + maxAge;
    }

    public string TokenHash { get; private set; }

    public ParticipantType ParticipantType { get; private set; }

    public long ParticipantId { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>When the session was last used, to within <see cref="SeenResolution"/>.</summary>
    public DateTime LastSeenAt { get; private set; }

    /// <summary>The maximum age: the session ends then however busy it is.</summary>
    public DateTime ExpiresAt { get; private set; }

    public DateTime? EndedAt { get; private set; }

    public ParticipantRef Participant => new(ParticipantType, ParticipantId);

    public bool IsValidAt(DateTime now, TimeSpan idleTimeout) =>
        EndedAt is null && now < ExpiresAt && now - LastSeenAt < idleTimeout;

    /// <summary>Whether this use should be recorded: <see cref="LastSeenAt"/> is more than <see cref="SeenResolution"/> old.</summary>
    public bool NeedsTouch(DateTime now) => now - LastSeenAt >= SeenResolution;

    public void Touch(DateTime now)
    {
        if (now > LastSeenAt)
            LastSeenAt = now;
    }

    public void End(DateTime now) => EndedAt ??= now;
}
