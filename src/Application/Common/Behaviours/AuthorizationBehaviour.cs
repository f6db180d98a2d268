using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using MediatR;

namespace CleanChat.Application.Common.Behaviours;

/// <summary>
/// Refuses a request before anything else runs unless the caller is of a kind the request admits and,
/// for chat requests, close enough to the chat. Callers who may not see a chat get "not found", never
/// "forbidden", so probing ids reveals nothing; a salon admin who sees the chat but is not in it gets
/// "forbidden" for what only participants may do.
/// </summary>
internal sealed class AuthorizationBehaviour<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    private readonly ICurrentCaller _currentCaller;
    private readonly IChatAccessQuery _chatAccess;

    public AuthorizationBehaviour(ICurrentCaller currentCaller, IChatAccessQuery chatAccess)
    {
        _currentCaller = currentCaller;
        _chatAccess = chatAccess;
    }

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var policy = RequestAuthorizationPolicy.For(typeof(TRequest))
            ?? throw new InvalidOperationException($"{typeof(TRequest).Name} declares no authorization requirement; refusing it.");

        if (!policy.IsAnonymous)
        {
            if (policy.Callers == Callers.System)
            {
                if (!_currentCaller.IsSystem)
                    throw new ForbiddenException();
            }
            else
            {
                var caller = _currentCaller.Caller ?? throw new UnauthenticatedException();
                EnsureCallerKind(policy.Callers, caller);
                if (policy.ChatAccess is { } level)
                    await EnsureChatAccessAsync(request, level, caller, cancellationToken);
            }
        }

        return await next();
    }

    private static void EnsureCallerKind(Callers callers, Caller caller)
    {
        var admitted = callers switch
        {
            Callers.Any => true,
            Callers.Staff => caller.IsStaff,
            Callers.Customer => caller.IsCustomer,
            Callers.SalonAdmin => caller.IsSalonAdmin,
            _ => false,
        };
        if (!admitted)
            throw new ForbiddenException($"This action is not available to a {(caller.IsStaff ? "staff user" : "customer")}{(caller.IsStaff && callers == Callers.SalonAdmin ? " who is not a salon admin" : string.Empty)}.");
    }

    private async Task EnsureChatAccessAsync(TRequest request, ChatAccessLevel level, Caller caller, CancellationToken cancellationToken)
    {
        var (access, what) = request switch
        {
            IChatScopedRequest chatRequest => (await _chatAccess.ForChatAsync(chatRequest.ChatId, caller.Participant, cancellationToken), "Chat"),
            IMessageScopedRequest messageRequest => (await _chatAccess.ForMessageAsync(messageRequest.MessageId, caller.Participant, cancellationToken), "Message"),
            _ => throw new InvalidOperationException($"{typeof(TRequest).Name} declares chat access but names no chat or message."),
        };

        if (access is null || !CanSee(access, caller))
            throw new NotFoundException(what);

        // A salon admin sees every chat of the salon, but acting as a participant needs membership (or a
        // front desk, where every staff user of the salon counts as one).
        if (level == ChatAccessLevel.Participant && !access.IsActiveParticipant && !AtFrontDesk(access, caller))
            throw new ForbiddenException("Only participants of this chat may do this.");
    }

    private static bool CanSee(ChatAccessInfo access, Caller caller)
    {
        // Staff never reach another salon's chats, whatever their membership says.
        if (caller.IsStaff && caller.SalonId != access.SalonId)
            return false;

        return access.IsActiveParticipant || caller.IsSalonAdmin || AtFrontDesk(access, caller);
    }

    private static bool AtFrontDesk(ChatAccessInfo access, Caller caller) =>
        access.IsFrontDesk && caller.IsStaff && caller.SalonId == access.SalonId;
}
