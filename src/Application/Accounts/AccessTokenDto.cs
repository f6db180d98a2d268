namespace CleanChat.Application.Accounts;

/// <summary>The login answer of the guides: <c>{"access_token", "token_type": "bearer", "expires_in"}</c>.</summary>
public sealed record AccessTokenDto(string AccessToken, int ExpiresIn)
{
    public string TokenType => "bearer";
}
