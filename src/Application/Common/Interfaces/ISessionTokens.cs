namespace CleanChat.Application.Common.Interfaces;

/// <summary>Makes and hashes the secret values that name browser sessions; only hashes are stored.</summary>
public interface ISessionTokens
{
    /// <summary>A new random session value and its hash.</summary>
    (string Token, string Hash) Create();

    string Hash(string token);
}
