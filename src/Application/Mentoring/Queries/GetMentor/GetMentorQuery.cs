using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CleanChat.Application.Mentoring.Queries.GetMentor;

/// <summary>A student's mentor at the admin's school; not found when the school has given them none.</summary>
[Authorize(Callers.SalonAdmin)]
public sealed record GetMentorQuery(long CustomerId) : IRequest<MentorAssignmentDto>;

public sealed class GetMentorQueryValidator : AbstractValidator<GetMentorQuery>
{
    public GetMentorQueryValidator() => RuleFor(q => q.CustomerId).GreaterThan(0);
}

internal sealed class GetMentorQueryHandler : IRequestHandler<GetMentorQuery, MentorAssignmentDto>
{
    private readonly IChatReadModel _read;
    private readonly ICurrentCaller _currentCaller;

    public GetMentorQueryHandler(IChatReadModel read, ICurrentCaller currentCaller)
    {
        _read = read;
        _currentCaller = currentCaller;
    }

    public async Task<MentorAssignmentDto> Handle(GetMentorQuery request, CancellationToken cancellationToken)
    {
        var salonId = _currentCaller.Required().SalonId ?? throw new ForbiddenException();
        return await (
            from m in _read.Mentorships
            where m.SalonId == salonId && m.StudentId == request.CustomerId
            join u in _read.StaffUsers on m.MentorId equals u.Id
            select new MentorAssignmentDto(m.StudentId, new MentorDto(u.Id, u.DisplayName, u.JobTitle)))
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Mentor");
    }
}
