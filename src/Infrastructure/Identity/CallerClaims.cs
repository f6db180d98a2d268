using System.Globalization;
using System.Security.Claims;
using CleanChat.Application.Common.Security;
using CleanChat.Domain.Common;

namespace CleanChat.Infrastructure.Identity;

/// <summary>
/// A caller as claims, the one form both an access token and a browser session give it, so that
/// <see cref="JwtTokenService.ToCaller"/> reads either back the same way.
/// </summary>
public static class CallerClaims
{
    public static IReadOnlyDictionary<string, string> Of(Caller caller)
    {
        var claims = new Dictionary<string, string>
        {
            [CleanChatClaims.Subject] = caller.Participant.Id.ToString(CultureInfo.InvariantCulture),
            [CleanChatClaims.ParticipantType] = caller.Participant.Type == ParticipantType.User ? "user" : "customer",
            [CleanChatClaims.Name] = caller.DisplayName,
        };
        if (caller.SalonId is { } salonId)
            claims[CleanChatClaims.SalonId] = salonId.ToString(CultureInfo.InvariantCulture);
        if (caller.Role is { } role)
            claims[CleanChatClaims.Role] = role == StaffRole.Admin ? "admin" : "staff";
        return claims;
    }

    public static ClaimsIdentity ToIdentity(Caller caller, string authenticationType) =>
        new(Of(caller).Select(claim => new Claim(claim.Key, claim.Value)), authenticationType, CleanChatClaims.Name, CleanChatClaims.Role);
}
