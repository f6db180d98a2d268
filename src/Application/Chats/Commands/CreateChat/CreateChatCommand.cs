using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using CleanChat.Domain.Chats;
using CleanChat.Domain.Common;
using MediatR;

namespace CleanChat.Application.Chats.Commands.CreateChat;

/// <summary>
/// A staff user opens a chat of their salon with a customer (<see cref="CustomerId"/>, or the customer
/// registered with <see cref="CustomerPhone"/>: staff know their customers by phone) or with a colleague
/// (<see cref="UserId"/>), optionally posting the first message at once.
/// </summary>
[Authorize(Callers.Staff)]
public sealed record CreateChatCommand(long? CustomerId, long? UserId, string? Title, string? InitialMessage, string? CustomerPhone = null) : IRequest<ChatDto>;

internal sealed class CreateChatCommandHandler : IRequestHandler<CreateChatCommand, ChatDto>
{
    private readonly ChatOpener _opener;
    private readonly ICustomerRepository _customers;
    private readonly IStaffUserRepository _staff;
    private readonly ICurrentCaller _currentCaller;

    public CreateChatCommandHandler(ChatOpener opener, ICustomerRepository customers, IStaffUserRepository staff, ICurrentCaller currentCaller)
    {
        _opener = opener;
        _customers = customers;
        _staff = staff;
        _currentCaller = currentCaller;
    }

    public async Task<ChatDto> Handle(CreateChatCommand request, CancellationToken cancellationToken)
    {
        var caller = _currentCaller.Required();
        var salonId = caller.SalonId ?? throw new ForbiddenException();

        if (request.CustomerId is { } customerId)
        {
            var customer = await _customers.FindAsync(customerId, cancellationToken);
            if (customer is not { IsActive: true })
                throw new RequestValidationException(nameof(request.CustomerId), "No such customer.");
            return await _opener.OpenAsync(ChatType.UserCustomer, salonId, request.Title, caller, customer.AsParticipant, request.InitialMessage, cancellationToken);
        }

        if (request.CustomerPhone is { } phone)
        {
            var customer = await _customers.FindByPhoneAsync(phone, cancellationToken);
            if (customer is not { IsActive: true })
                throw new RequestValidationException(nameof(request.CustomerPhone), "No customer is registered with this phone number.");
            return await _opener.OpenAsync(ChatType.UserCustomer, salonId, request.Title, caller, customer.AsParticipant, request.InitialMessage, cancellationToken);
        }

        var colleague = await _staff.FindAsync(request.UserId!.Value, cancellationToken);
        if (colleague is not { IsActive: true } || colleague.SalonId != salonId)
            throw new RequestValidationException(nameof(request.UserId), "No such staff user in your salon.");
        return await _opener.OpenAsync(ChatType.UserUser, salonId, request.Title, caller, ParticipantRef.User(colleague.Id), request.InitialMessage, cancellationToken);
    }
}
