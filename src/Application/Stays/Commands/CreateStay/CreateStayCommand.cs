using CleanChat.Application.Accounts;
using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Notifications;
using CleanChat.Application.Common.Security;
using CleanChat.Domain.Accounts;
using CleanChat.Domain.Chats;
using CleanChat.Domain.Stays;
using FluentValidation;
using MediatR;

namespace CleanChat.Application.Stays.Commands.CreateStay;

/// <summary>
/// The hotel's staff (or the hotel's system, with a staff token) record a guest's stay: the guest is an
/// existing customer (<see cref="CustomerId"/>) or is found or created by phone (<see cref="GuestPhone"/>).
/// The stay's conversation opens with it, the service welcomes the guest there, and the hotel's connected
/// staff hear of it.
/// </summary>
[Authorize(Callers.Staff)]
public sealed record CreateStayCommand(long StayId, long? CustomerId, string? GuestPhone, string? GuestName, string RoomNumber, DateOnly? CheckIn, DateOnly? CheckOut)
    : IRequest<StayConversationDto>;

public sealed class CreateStayCommandValidator : AbstractValidator<CreateStayCommand>
{
    public CreateStayCommandValidator()
    {
        RuleFor(c => c.StayId).GreaterThan(0).OverridePropertyName("stay_id");
        RuleFor(c => c.CustomerId).NotNull().When(c => c.GuestPhone is null)
            .WithMessage("Give customer_id (an existing customer) or guest with a phone_number.").OverridePropertyName("customer_id");
        RuleFor(c => c.GuestPhone).Null().When(c => c.CustomerId is not null)
            .WithMessage("Give either customer_id or guest, not both.").OverridePropertyName("guest");
        RuleFor(c => c.GuestPhone!).PhoneNumber().When(c => c.GuestPhone is not null).OverridePropertyName("guest.phone_number");
        RuleFor(c => c.GuestName).MaximumLength(Customer.MaxNameLength).OverridePropertyName("guest.name");
        RuleFor(c => c.RoomNumber).NotEmpty().MaximumLength(Stay.MaxRoomLength).OverridePropertyName("room_number");
        RuleFor(c => c.CheckIn).NotNull().WithMessage("check_in is required (YYYY-MM-DD).").OverridePropertyName("check_in");
        RuleFor(c => c.CheckOut).NotNull().WithMessage("check_out is required (YYYY-MM-DD).")
            .GreaterThanOrEqualTo(c => c.CheckIn).WithMessage("check_out cannot come before check_in.").OverridePropertyName("check_out");
    }
}

internal sealed class CreateStayCommandHandler : IRequestHandler<CreateStayCommand, StayConversationDto>
{
    private readonly IStayRepository _stays;
    private readonly ICustomerRepository _customers;
    private readonly IChatRepository _chats;
    private readonly IMessageStore _messages;
    private readonly IUnitOfWork _unitOfWork;
    private readonly StayConversationReader _reader;
    private readonly IChatNotifier _notifier;
    private readonly ICurrentCaller _currentCaller;
    private readonly TimeProvider _time;

    public CreateStayCommandHandler(IStayRepository stays, ICustomerRepository customers, IChatRepository chats, IMessageStore messages, IUnitOfWork unitOfWork,
        StayConversationReader reader, IChatNotifier notifier, ICurrentCaller currentCaller, TimeProvider time)
    {
        _stays = stays;
        _customers = customers;
        _chats = chats;
        _messages = messages;
        _unitOfWork = unitOfWork;
        _reader = reader;
        _notifier = notifier;
        _currentCaller = currentCaller;
        _time = time;
    }

    public async Task<StayConversationDto> Handle(CreateStayCommand request, CancellationToken cancellationToken)
    {
        var caller = _currentCaller.Required();
        var hotel = caller.SalonId ?? throw new ForbiddenException();
        if (await _stays.FindAsync(hotel, request.StayId, cancellationToken) is not null)
            throw StayExists();

        var guest = await GuestAsync(request, cancellationToken);
        var now = _time.GetUtcNow().UtcDateTime;
        var stay = Stay.Open(hotel, request.StayId, guest, request.RoomNumber, request.CheckIn!.Value, request.CheckOut!.Value, now);
        var chat = Chat.StartFrontDesk(hotel, guest.AsParticipant, stay.ConversationContext, stay.ConversationKey, now);
        _stays.Add(stay);
        _chats.Add(chat);
        try
        {
            await _unitOfWork.SaveChangesAsync(cancellationToken);
        }
        catch (ConflictException)
        {
            // The same stay recorded twice at once: the first one stands.
            throw StayExists();
        }

        // Announced before the welcome is posted: the guest's sockets then follow the conversation in time for it.
        var opened = (await _reader.ReadAsync(StayChat(chat.Id), caller, cancellationToken))[0];
        await _notifier.NotifyInChatOrderAsync(new StayConversationOpenedNotification(hotel, opened), cancellationToken);

        // As a new chat's greeting: if this fails the request fails, and the stay stands without its welcome.
        await _messages.AppendAsync(chat.ToSnapshot().PostSystemMessage(StayNotices.Welcome(guest.DisplayName, stay), now), cancellationToken);
        return (await _reader.ReadAsync(StayChat(chat.Id), caller, cancellationToken))[0];
    }

    private IQueryable<Chat> StayChat(long chatId) => _reader.VisibleTo(_currentCaller.Required()).Where(c => c.Id == chatId);

    private async Task<Customer> GuestAsync(CreateStayCommand request, CancellationToken cancellationToken)
    {
        if (request.CustomerId is { } customerId)
        {
            return await _customers.FindAsync(customerId, cancellationToken) is { IsActive: true } known
                ? known
                : throw new RequestValidationException("customer_id", "No such customer.");
        }

        var phone = request.GuestPhone!.Trim();
        if (await _customers.FindByPhoneAsync(phone, cancellationToken) is { } existing)
            return existing.IsActive ? existing : throw new RequestValidationException("guest.phone_number", "This guest's account is closed.");

        // A new guest: an account without a password, so nobody can sign in to it until it is given one.
        var guest = new Customer(phone, request.GuestName, null, _time.GetUtcNow().UtcDateTime);
        _customers.Add(guest);
        await _unitOfWork.SaveChangesAsync(cancellationToken);
        return guest;
    }

    private static ConflictException StayExists() =>
        new("stay_exists", "This hotel already has a stay with this stay_id; change it with PATCH.");
}
