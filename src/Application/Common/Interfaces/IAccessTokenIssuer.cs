using CleanChat.Application.Common.Security;

namespace CleanChat.Application.Common.Interfaces;

public sealed record AccessToken(string Token, int ExpiresInSeconds);

/// <summary>Signs access tokens that describe a caller (id, participant type, salon, role, name).</summary>
public interface IAccessTokenIssuer
{
    AccessToken Issue(Caller caller);
}
