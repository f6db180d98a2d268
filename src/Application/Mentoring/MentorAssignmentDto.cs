using CleanChat.Domain.Accounts;

namespace CleanChat.Application.Mentoring;

/// <summary>A student's mentor at the caller's school.</summary>
public sealed record MentorAssignmentDto(long CustomerId, MentorDto Mentor);

public sealed record MentorDto(long UserId, string Name, JobTitle? JobTitle);
