using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using FluentValidation;
using MediatR;

namespace CleanChat.Application.Chats.Queries.ListChats;

/// <summary>A staff user's chats (a salon admin's: all of the salon's), most recently active first.</summary>
[Authorize(Callers.Staff)]
public sealed record ListStaffChatsQuery(bool? IsArchived, int Page = 1, int PageSize = ListChatsPaging.DefaultPageSize) : IRequest<IReadOnlyList<ChatDto>>, IListChatsQuery;

/// <summary>A customer's chats, most recently active first.</summary>
[Authorize(Callers.Customer)]
public sealed record ListCustomerChatsQuery(bool? IsArchived, int Page = 1, int PageSize = ListChatsPaging.DefaultPageSize) : IRequest<IReadOnlyList<ChatDto>>, IListChatsQuery;

public interface IListChatsQuery
{
    bool? IsArchived { get; }
    int Page { get; }
    int PageSize { get; }
}

public static class ListChatsPaging
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 100;
}

public sealed class ListStaffChatsQueryValidator : AbstractValidator<ListStaffChatsQuery>
{
    public ListStaffChatsQueryValidator() => ListChatsRules.Apply(this);
}

public sealed class ListCustomerChatsQueryValidator : AbstractValidator<ListCustomerChatsQuery>
{
    public ListCustomerChatsQueryValidator() => ListChatsRules.Apply(this);
}

internal static class ListChatsRules
{
    public static void Apply<T>(AbstractValidator<T> validator) where T : IListChatsQuery
    {
        validator.RuleFor(q => q.Page).InclusiveBetween(1, 10_000);
        validator.RuleFor(q => q.PageSize).InclusiveBetween(1, ListChatsPaging.MaxPageSize);
    }
}

internal sealed class ListChatsQueryHandler : IRequestHandler<ListStaffChatsQuery, IReadOnlyList<ChatDto>>, IRequestHandler<ListCustomerChatsQuery, IReadOnlyList<ChatDto>>
{
    private readonly IChatReadModel _read;
    private readonly ICurrentCaller _currentCaller;
    private readonly IPresenceTracker _presence;

    public ListChatsQueryHandler(IChatReadModel read, ICurrentCaller currentCaller, IPresenceTracker presence)
    {
        _read = read;
        _currentCaller = currentCaller;
        _presence = presence;
    }

    public Task<IReadOnlyList<ChatDto>> Handle(ListStaffChatsQuery request, CancellationToken cancellationToken) => ListAsync(request, cancellationToken);

    public Task<IReadOnlyList<ChatDto>> Handle(ListCustomerChatsQuery request, CancellationToken cancellationToken) => ListAsync(request, cancellationToken);

    private Task<IReadOnlyList<ChatDto>> ListAsync(IListChatsQuery request, CancellationToken cancellationToken)
    {
        var caller = _currentCaller.Required();
        var chats = VisibleChats.For(_read, caller);
        if (request.IsArchived is { } archived)
            chats = chats.Where(c => c.IsArchived == archived);

        var page = chats
            .OrderByDescending(c => c.LastMessageAt).ThenByDescending(c => c.Id)
            .Skip((request.Page - 1) * request.PageSize)
            .Take(request.PageSize);
        return ChatProjection.ToDtosAsync(_read, page, caller, _presence, cancellationToken);
    }
}
