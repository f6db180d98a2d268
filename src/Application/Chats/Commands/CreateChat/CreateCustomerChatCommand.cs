using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using CleanChat.Domain.Chats;
using CleanChat.Domain.Common;
using MediatR;

namespace CleanChat.Application.Chats.Commands.CreateChat;

/// <summary>A customer opens a chat with a salon through one of its staff users; the chat belongs to that user's salon.</summary>
[Authorize(Callers.Customer)]
public sealed record CreateCustomerChatCommand(long UserId, string? Title, string? InitialMessage) : IRequest<ChatDto>;

internal sealed class CreateCustomerChatCommandHandler : IRequestHandler<CreateCustomerChatCommand, ChatDto>
{
    private readonly ChatOpener _opener;
    private readonly IStaffUserRepository _staff;
    private readonly ICurrentCaller _currentCaller;

    public CreateCustomerChatCommandHandler(ChatOpener opener, IStaffUserRepository staff, ICurrentCaller currentCaller)
    {
        _opener = opener;
        _staff = staff;
        _currentCaller = currentCaller;
    }

    public async Task<ChatDto> Handle(CreateCustomerChatCommand request, CancellationToken cancellationToken)
    {
        var staffUser = await _staff.FindAsync(request.UserId, cancellationToken);
        if (staffUser is not { IsActive: true })
            throw new RequestValidationException(nameof(request.UserId), "No such staff user.");

        return await _opener.OpenAsync(ChatType.UserCustomer, staffUser.SalonId, request.Title, _currentCaller.Required(),
            ParticipantRef.User(staffUser.Id), request.InitialMessage, cancellationToken);
    }
}
