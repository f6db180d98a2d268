using CleanChat.Domain.Common;

namespace CleanChat.Domain.Push;

/// <summary>
/// A browser's Web Push subscription (RFC 8030) for one account: where its push service takes messages
/// for it, and the keys a message is encrypted with (RFC 8291). A browser has one endpoint; when another
/// account signs in there and subscribes, the endpoint moves to that account.
/// </summary>
public sealed class PushSubscription : Entity
{
    public const int MaxEndpointLength = 2048;

    /// <summary>An uncompressed P-256 point: 65 bytes.</summary>
    public const int PublicKeyBytes = 65;

    /// <summary>The authentication secret: 16 bytes.</summary>
    public const int AuthSecretBytes = 16;

    private PushSubscription()
    {
        Endpoint = P256dh = Auth = string.Empty;
    }

    public PushSubscription(string endpoint, string p256dh, string auth, ParticipantRef owner, DateTime now)
    {
        Endpoint = Guard.Against.NullOrWhiteSpace(endpoint);
        Guard.Against.RuleBroken(endpoint.Length > MaxEndpointLength, "push_endpoint_too_long", $"A push endpoint is at most {MaxEndpointLength} characters.");
        CreatedAt = Guard.Against.NotUtc(now);
        P256dh = string.Empty;
        Auth = string.Empty;
        Renew(p256dh, auth, owner, now);
    }

    public string Endpoint { get; private set; }

    /// <summary>The browser's public key, base64url.</summary>
    public string P256dh { get; private set; }

    /// <summary>The browser's authentication secret, base64url.</summary>
    public string Auth { get; private set; }

    public ParticipantType ParticipantType { get; private set; }

    public long ParticipantId { get; private set; }

    public ParticipantRef Owner => new(ParticipantType, ParticipantId);

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    /// <summary>The browser subscribed again (new keys), or another account signed in on it and subscribed.</summary>
    public void Renew(string p256dh, string auth, ParticipantRef owner, DateTime now)
    {
        Guard.Against.RuleBroken(!IsKeyOf(p256dh, PublicKeyBytes), "push_key_invalid", $"p256dh must be a {PublicKeyBytes}-byte P-256 public key, base64url.");
        Guard.Against.RuleBroken(!IsKeyOf(auth, AuthSecretBytes), "push_auth_invalid", $"auth must be a {AuthSecretBytes}-byte secret, base64url.");
        P256dh = p256dh;
        Auth = auth;
        ParticipantType = owner.Type;
        ParticipantId = Guard.Against.NegativeOrZero(owner.Id);
        UpdatedAt = now;
    }

    /// <summary>Whether the value is base64url (as browsers give it, padded or not) of exactly that many bytes.</summary>
    public static bool IsKeyOf(string? value, int bytes) => value is not null && DecodedLength(value) == bytes;

    private static int DecodedLength(string value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 128 || value.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '=')))
            return -1;
        var unpadded = value.TrimEnd('=');
        return unpadded.Length % 4 == 1 ? -1 : unpadded.Length * 3 / 4;
    }
}
