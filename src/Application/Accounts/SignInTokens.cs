using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using CleanChat.Domain.Accounts;
using Microsoft.Extensions.Options;

namespace CleanChat.Application.Accounts;

/// <summary>
/// The tokens a sign-in answers with: a short-lived access token and a refresh token. Logins start a new
/// refresh family; an exchange continues one. Refresh tokens are random (256 bits) and stored as hashes.
/// </summary>
internal sealed class SignInTokens
{
    private readonly IAccessTokenIssuer _accessTokens;
    private readonly ISessionTokens _secrets;
    private readonly IRefreshTokenRepository _refreshTokens;
    private readonly IUnitOfWork _unitOfWork;
    private readonly RefreshTokenOptions _options;
    private readonly TimeProvider _time;

    public SignInTokens(IAccessTokenIssuer accessTokens, ISessionTokens secrets, IRefreshTokenRepository refreshTokens, IUnitOfWork unitOfWork,
        IOptions<RefreshTokenOptions> options, TimeProvider time)
    {
        _accessTokens = accessTokens;
        _secrets = secrets;
        _refreshTokens = refreshTokens;
        _unitOfWork = unitOfWork;
        _options = options.Value;
        _time = time;
    }

    /// <summary>Tokens for a fresh login: a new refresh family.</summary>
    public async Task<AccessTokenDto> ForLoginAsync(Caller caller, CancellationToken cancellationToken)
    {
        var (refresh, hash) = _secrets.Create();
        _refreshTokens.Add(RefreshToken.StartFamily(hash, caller.Participant, _time.GetUtcNow().UtcDateTime, _options.Lifetime));
        await _unitOfWork.SaveChangesAsync(cancellationToken);
        return Answer(caller, refresh);
    }

    /// <summary>Tokens for an exchange: retires <paramref name="current"/> and stores its successor.</summary>
    public async Task<AccessTokenDto> ForExchangeAsync(Caller caller, RefreshToken current, CancellationToken cancellationToken)
    {
        var (refresh, hash) = _secrets.Create();
        _refreshTokens.Add(current.Rotate(hash, _time.GetUtcNow().UtcDateTime));
        await _unitOfWork.SaveChangesAsync(cancellationToken);
        return Answer(caller, refresh);
    }

    private AccessTokenDto Answer(Caller caller, string refresh)
    {
        var access = _accessTokens.Issue(caller);
        return new AccessTokenDto(access.Token, access.ExpiresInSeconds, refresh);
    }
}
