using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using CleanChat.Domain.Stays;
using FluentValidation;
using MediatR;

namespace CleanChat.Application.Stays.Commands.UpdateStay;

/// <summary>
/// The hotel's system changes a stay: another room, other dates, or check-out. The guest is told of a room
/// change and of the check-out in the conversation; after check-out it is archived (read-only for the guest).
/// </summary>
[Authorize(Callers.Staff)]
public sealed record UpdateStayCommand(long StayId, string? RoomNumber, DateOnly? CheckIn, DateOnly? CheckOut, bool CheckedOut) : IRequest<StayConversationDto>;

public sealed class UpdateStayCommandValidator : AbstractValidator<UpdateStayCommand>
{
    public UpdateStayCommandValidator()
    {
        RuleFor(c => c.StayId).GreaterThan(0).OverridePropertyName("stay_id");
        RuleFor(c => c.RoomNumber).NotEmpty().MaximumLength(Stay.MaxRoomLength).When(c => c.RoomNumber is not null).OverridePropertyName("room_number");
    }
}

internal sealed class UpdateStayCommandHandler : IRequestHandler<UpdateStayCommand, StayConversationDto>
{
    private readonly IStayRepository _stays;
    private readonly IChatRepository _chats;
    private readonly IMessageStore _messages;
    private readonly IUnitOfWork _unitOfWork;
    private readonly StayConversationReader _reader;
    private readonly ICurrentCaller _currentCaller;
    private readonly TimeProvider _time;

    public UpdateStayCommandHandler(IStayRepository stays, IChatRepository chats, IMessageStore messages, IUnitOfWork unitOfWork, StayConversationReader reader,
        ICurrentCaller currentCaller, TimeProvider time)
    {
        _stays = stays;
        _chats = chats;
        _messages = messages;
        _unitOfWork = unitOfWork;
        _reader = reader;
        _currentCaller = currentCaller;
        _time = time;
    }

    public async Task<StayConversationDto> Handle(UpdateStayCommand request, CancellationToken cancellationToken)
    {
        var caller = _currentCaller.Required();
        var hotel = caller.SalonId ?? throw new ForbiddenException();
        var stay = await _stays.FindAsync(hotel, request.StayId, cancellationToken) ?? throw new NotFoundException("Stay");
        var now = _time.GetUtcNow().UtcDateTime;

        var change = stay.Update(request.RoomNumber, request.CheckIn, request.CheckOut, request.CheckedOut, now);
        await _unitOfWork.SaveChangesAsync(cancellationToken);

        var chat = await _chats.FindByKeyAsync(stay.ConversationKey, cancellationToken) ?? throw new NotFoundException("Conversation");
        if (change.PreviousRoom is { } previousRoom)
            await _messages.AppendAsync(chat.ToSnapshot().PostSystemMessage(StayNotices.RoomChanged(previousRoom, stay), now), cancellationToken);
        if (change.CheckedOut)
        {
            // Told first, archived second: an archived chat takes no more messages, the service's included.
            await _messages.AppendAsync(chat.ToSnapshot().PostSystemMessage(StayNotices.CheckedOut, now), cancellationToken);
            chat.Archive(now);
            await _unitOfWork.SaveChangesAsync(cancellationToken);
        }

        var chatId = chat.Id;
        return (await _reader.ReadAsync(_reader.VisibleTo(caller).Where(c => c.Id == chatId), caller, cancellationToken))[0];
    }
}
