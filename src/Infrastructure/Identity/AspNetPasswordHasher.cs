using CleanChat.Application.Common.Interfaces;
using Microsoft.AspNetCore.Identity;

namespace CleanChat.Infrastructure.Identity;

/// <summary>ASP.NET Core Identity's PBKDF2 hasher behind the Application's port.</summary>
internal sealed class AspNetPasswordHasher : IPasswordHasher
{
    // The hasher's user argument is unused by the default implementation.
    private static readonly object NoUser = new();
    private readonly PasswordHasher<object> _hasher = new();

    public string Hash(string password) => _hasher.HashPassword(NoUser, password);

    public PasswordCheck Verify(string hash, string password) => _hasher.VerifyHashedPassword(NoUser, hash, password) switch
    {
        PasswordVerificationResult.Success => PasswordCheck.Succeeded,
        PasswordVerificationResult.SuccessRehashNeeded => PasswordCheck.SucceededRehashNeeded,
        _ => PasswordCheck.Failed,
    };
}
