namespace CleanChat.Application.Accounts;

/// <summary>
/// The login answer of the guides, <c>{"access_token", "token_type": "bearer", "expires_in"}</c>, with the
/// <c>refresh_token</c> that buys the next access token when this one runs out.
/// </summary>
public sealed record AccessTokenDto(string AccessToken, int ExpiresIn, string RefreshToken)
{
    public string TokenType => "bearer";
}
