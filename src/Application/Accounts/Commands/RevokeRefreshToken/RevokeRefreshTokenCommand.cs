using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using MediatR;

namespace CleanChat.Application.Accounts.Commands.RevokeRefreshToken;

/// <summary>
/// Logs a token holder out: the refresh token's whole family is revoked, so no new access token follows
/// from this login. Holding the token is the proof; an unknown or revoked one changes nothing, so a second
/// logout is no error. Access tokens already issued run out by themselves (15 minutes by default).
/// </summary>
[AllowAnonymous]
public sealed record RevokeRefreshTokenCommand(string RefreshToken) : IRequest;

internal sealed class RevokeRefreshTokenCommandHandler : IRequestHandler<RevokeRefreshTokenCommand, Unit>
{
    private readonly IRefreshTokenRepository _refreshTokens;
    private readonly ISessionTokens _secrets;
    private readonly TimeProvider _time;

    public RevokeRefreshTokenCommandHandler(IRefreshTokenRepository refreshTokens, ISessionTokens secrets, TimeProvider time)
    {
        _refreshTokens = refreshTokens;
        _secrets = secrets;
        _time = time;
    }

    public async Task<Unit> Handle(RevokeRefreshTokenCommand request, CancellationToken cancellationToken)
    {
        if (request.RefreshToken is { Length: > 0 and <= RefreshAccessToken.RefreshAccessTokenCommandValidator.MaxTokenLength } value
            && await _refreshTokens.FindAsync(_secrets.Hash(value), cancellationToken) is { RevokedAt: null } token)
            await _refreshTokens.RevokeFamilyAsync(token.FamilyId, _time.GetUtcNow().UtcDateTime, cancellationToken);
        return Unit.Value;
    }
}
