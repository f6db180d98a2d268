using CleanChat.Domain.Common;

namespace CleanChat.Domain.Accounts;

/// <summary>A member of a salon's staff; admins manage staff and moderate the salon's chats.</summary>
public sealed class StaffUser : Entity
{
    public const int MaxEmailLength = 254;
    public const int MaxNameLength = 100;

    private StaffUser()
    {
        Email = DisplayName = PasswordHash = string.Empty;
    }

    public StaffUser(long salonId, string email, string displayName, StaffRole role, DateTime now, JobTitle? jobTitle = null)
    {
        SalonId = Guard.Against.NegativeOrZero(salonId);
        Email = NormalizeEmail(email);
        DisplayName = Guard.Against.NullOrWhiteSpace(displayName).Trim();
        Role = role;
        JobTitle = jobTitle;
        IsActive = true;
        CreatedAt = now;
        PasswordHash = string.Empty;
    }

    public long SalonId { get; private set; }

    /// <summary>Lower-cased, so logins and uniqueness ignore case.</summary>
    public string Email { get; private set; }

    public string DisplayName { get; private set; }

    public StaffRole Role { get; private set; }

    /// <summary>Teacher, trainer, or none (most salon staff).</summary>
    public JobTitle? JobTitle { get; private set; }

    /// <summary>A teacher or trainer still working here: who may be assigned students to mentor.</summary>
    public bool CanMentor => IsActive && JobTitle is not null;

    public bool IsActive { get; private set; }

    public string PasswordHash { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public ParticipantRef AsParticipant => ParticipantRef.User(Id);

    public void SetPasswordHash(string hash) => PasswordHash = Guard.Against.NullOrWhiteSpace(hash);

    public static string NormalizeEmail(string email) => Guard.Against.NullOrWhiteSpace(email).Trim().ToLowerInvariant();
}
