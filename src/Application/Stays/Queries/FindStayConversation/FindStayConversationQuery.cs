using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using CleanChat.Domain.Stays;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CleanChat.Application.Stays.Queries.FindStayConversation;

/// <summary>
/// The conversation of a stay named by the hotel system's id: for staff, a stay of their hotel; for a
/// guest, one of their own. Anything else is not found, whether or not it exists.
/// </summary>
[Authorize]
public sealed record FindStayConversationQuery(long StayId) : IRequest<long>;

public sealed class FindStayConversationQueryValidator : AbstractValidator<FindStayConversationQuery>
{
    public FindStayConversationQueryValidator() => RuleFor(q => q.StayId).GreaterThan(0).OverridePropertyName("stay_id");
}

internal sealed class FindStayConversationQueryHandler : IRequestHandler<FindStayConversationQuery, long>
{
    private readonly IChatReadModel _read;
    private readonly ICurrentCaller _currentCaller;

    public FindStayConversationQueryHandler(IChatReadModel read, ICurrentCaller currentCaller)
    {
        _read = read;
        _currentCaller = currentCaller;
    }

    public async Task<long> Handle(FindStayConversationQuery request, CancellationToken cancellationToken)
    {
        var caller = _currentCaller.Required();
        var stayId = request.StayId;
        long? hotel = caller.IsStaff
            ? caller.SalonId
            : await _read.Stays.Where(s => s.StayId == stayId && s.GuestId == caller.Participant.Id)
                .OrderByDescending(s => s.CreatedAt).Select(s => (long?)s.SalonId).FirstOrDefaultAsync(cancellationToken);
        if (hotel is not { } salonId)
            throw new NotFoundException("Stay");

        var key = Stay.ConversationKeyOf(salonId, stayId);
        return await _read.Chats.Where(c => c.UniqueKey == key).Select(c => (long?)c.Id).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Stay");
    }
}
