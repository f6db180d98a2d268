using CleanChat.Domain.Common;

namespace CleanChat.Domain.Accounts;

/// <summary>What presenting a refresh token means now.</summary>
public enum RefreshTokenState
{
    /// <summary>Current: it may be exchanged once for new tokens.</summary>
    Usable,

    /// <summary>Exchanged already. Presenting it again means someone else holds a copy: the family must go.</summary>
    Reused,

    /// <summary>Its family was revoked (logout, or a reuse was seen).</summary>
    Revoked,

    /// <summary>Past its family's absolute lifetime.</summary>
    Expired,
}

/// <summary>
/// A long-lived, opaque credential that buys new access tokens. Only its hash is stored. Each exchange
/// retires it and issues its successor in the same family; the family ends at a fixed time after the
/// login that started it, however often it is exchanged. A retired token presented again is the sign of
/// a stolen copy, and the whole family is revoked, the legitimate holder's current token with it.
/// </summary>
public sealed class RefreshToken : Entity
{
    private RefreshToken()
    {
        TokenHash = string.Empty;
    }

    private RefreshToken(string tokenHash, Guid familyId, ParticipantRef participant, DateTime now, DateTime expiresAt)
    {
        TokenHash = Guard.Against.NullOrWhiteSpace(tokenHash);
        FamilyId = familyId;
        ParticipantType = participant.Type;
        ParticipantId = Guard.Against.NegativeOrZero(participant.Id);
        CreatedAt = Guard.Against.NotUtc(now);
        ExpiresAt = expiresAt;
    }

    public string TokenHash { get; private set; }

    /// <summary>Shared by every token descended from one login.</summary>
    public Guid FamilyId { get; private set; }

    public ParticipantType ParticipantType { get; private set; }

    public long ParticipantId { get; private set; }

    public ParticipantRef Participant => new(ParticipantType, ParticipantId);

    public DateTime CreatedAt { get; private set; }

    /// <summary>The family's end, fixed at login.</summary>
    public DateTime ExpiresAt { get; private set; }

    /// <summary>When it was exchanged for its successor.</summary>
    public DateTime? RetiredAt { get; private set; }

    public DateTime? RevokedAt { get; private set; }

    /// <summary>The first token of a login.</summary>
    public static RefreshToken StartFamily(string tokenHash, ParticipantRef participant, DateTime now, TimeSpan lifetime)
    {
        Guard.Against.RuleBroken(lifetime <= TimeSpan.Zero, "refresh_lifetime", "A refresh token must last a while.");
        return new RefreshToken(tokenHash, Guid.NewGuid(), participant, now, now + lifetime);
    }

    public RefreshTokenState StateAt(DateTime now) =>
        RevokedAt is not null ? RefreshTokenState.Revoked
        : RetiredAt is not null ? RefreshTokenState.Reused
        : now >= ExpiresAt ? RefreshTokenState.Expired
        : RefreshTokenState.Usable;

    /// <summary>Retires this token and returns its successor, which ends when the family does.</summary>
    public RefreshToken Rotate(string successorHash, DateTime now)
    {
        Guard.Against.RuleBroken(StateAt(now) != RefreshTokenState.Usable, "refresh_token_unusable", "Only a current refresh token can be exchanged.");
        RetiredAt = now;
        return new RefreshToken(successorHash, FamilyId, Participant, now, ExpiresAt);
    }

    public void Revoke(DateTime now) => RevokedAt ??= now;
}
