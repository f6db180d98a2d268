namespace CleanChat.Domain.Accounts;

/// <summary>
/// What a staff member does, where the business has such roles (a school's teachers and trainers).
/// Only staff with a job title may mentor students.
/// </summary>
public enum JobTitle
{
    Teacher = 1,
    Trainer = 2,
}
