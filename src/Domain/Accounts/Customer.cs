using CleanChat.Domain.Common;

namespace CleanChat.Domain.Accounts;

/// <summary>A customer; not bound to one salon, so the same person can chat with several businesses.</summary>
public sealed class Customer : Entity
{
    public const int MaxPhoneLength = 20;
    public const int MaxNameLength = 100;

    private Customer()
    {
        PhoneNumber = PasswordHash = string.Empty;
    }

    public Customer(string phoneNumber, string? displayName, string? email, DateTime now)
    {
        PhoneNumber = Guard.Against.NullOrWhiteSpace(phoneNumber).Trim();
        DisplayName = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim();
        Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();
        IsActive = true;
        CreatedAt = now;
        PasswordHash = string.Empty;
    }

    /// <summary>E.164 form (<c>+</c> and digits), the login name of a customer.</summary>
    public string PhoneNumber { get; private set; }

    public string? DisplayName { get; private set; }

    public string? Email { get; private set; }

    public bool IsActive { get; private set; }

    public string PasswordHash { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public ParticipantRef AsParticipant => ParticipantRef.Customer(Id);

    /// <summary>An account a business created for someone (a hotel's new guest) that nobody has signed up to yet.</summary>
    public bool IsUnclaimed => PasswordHash.Length == 0;

    public void SetPasswordHash(string hash) => PasswordHash = Guard.Against.NullOrWhiteSpace(hash);

    /// <summary>
    /// The person signs up to the account a business created for them: it gets its first password, and
    /// the name and e-mail they give (the business's name for them stays when they give none).
    /// </summary>
    public void Claim(string passwordHash, string? displayName, string? email)
    {
        Guard.Against.RuleBroken(!IsUnclaimed, "phone_number_taken", "An account with this phone number already exists.");
        SetPasswordHash(passwordHash);
        if (!string.IsNullOrWhiteSpace(displayName))
            DisplayName = displayName.Trim();
        if (!string.IsNullOrWhiteSpace(email))
            Email = email.Trim().ToLowerInvariant();
    }
}
