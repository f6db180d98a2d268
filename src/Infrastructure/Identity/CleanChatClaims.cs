namespace CleanChat.Infrastructure.Identity;

/// <summary>Claim names CleanChat puts in its access tokens (kept short: tokens travel in every WebSocket URL).</summary>
public static class CleanChatClaims
{
    public const string Subject = "sub";
    public const string ParticipantType = "ptype";
    public const string SalonId = "salon_id";
    public const string Role = "role";
    public const string Name = "name";

    /// <summary>The browser session's id (never its secret value), on callers a session cookie signed in.</summary>
    public const string SessionId = "sid";
}
