namespace CleanChat.Domain.Common;

public enum StaffRole
{
    Staff = 1,
    Admin = 2,
}
