using CleanChat.Application.Chats.Queries.ListChats;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CleanChat.Application.Stays.Queries.ListStayConversations;

/// <summary>
/// Stay conversations, most recently active first: a hotel's staff see all of their hotel's, a guest their
/// own. <see cref="Active"/> keeps the open ones (true) or the checked-out ones (false).
/// </summary>
[Authorize]
public sealed record ListStayConversationsQuery(bool? Active, int Page = 1, int PageSize = ListChatsPaging.DefaultPageSize) : IRequest<StayConversationPage>;

public sealed class ListStayConversationsQueryValidator : AbstractValidator<ListStayConversationsQuery>
{
    public ListStayConversationsQueryValidator()
    {
        RuleFor(q => q.Page).InclusiveBetween(1, 10_000);
        RuleFor(q => q.PageSize).InclusiveBetween(1, ListChatsPaging.MaxPageSize);
    }
}

internal sealed class ListStayConversationsQueryHandler : IRequestHandler<ListStayConversationsQuery, StayConversationPage>
{
    private readonly StayConversationReader _reader;
    private readonly ICurrentCaller _currentCaller;

    public ListStayConversationsQueryHandler(StayConversationReader reader, ICurrentCaller currentCaller)
    {
        _reader = reader;
        _currentCaller = currentCaller;
    }

    public async Task<StayConversationPage> Handle(ListStayConversationsQuery request, CancellationToken cancellationToken)
    {
        var caller = _currentCaller.Required();
        var chats = _reader.VisibleTo(caller);
        if (request.Active is { } active)
            chats = chats.Where(c => c.IsArchived != active);

        var total = await chats.CountAsync(cancellationToken);
        var page = chats
            .OrderByDescending(c => c.LastMessageAt ?? c.CreatedAt).ThenByDescending(c => c.Id)
            .Skip((request.Page - 1) * request.PageSize)
            .Take(request.PageSize);
        return new StayConversationPage(await _reader.ReadAsync(page, caller, cancellationToken), total, request.Page, request.PageSize);
    }
}
