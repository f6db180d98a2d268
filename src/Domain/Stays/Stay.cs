using CleanChat.Domain.Accounts;
using CleanChat.Domain.Chats;
using CleanChat.Domain.Common;

namespace CleanChat.Domain.Stays;

/// <summary>
/// A guest's visit to a hotel (a salon in the core's names), known by the hotel system's own id. Each stay
/// has one front-desk conversation between the guest and the hotel's staff; what happens to the stay
/// (opened, a room change, check-out) the service tells the guest there.
/// </summary>
public sealed class Stay : Entity
{
    public const int MaxRoomLength = 20;

    /// <summary>The kind of <see cref="ChatContext"/> a stay's conversation has; its id is the stay id.</summary>
    public const string ContextType = "stay";

    private Stay()
    {
        RoomNumber = string.Empty;
    }

    private Stay(long salonId, long stayId, long guestId, string roomNumber, DateOnly checkIn, DateOnly checkOut, DateTime now)
    {
        SalonId = Guard.Against.NegativeOrZero(salonId);
        StayId = Guard.Against.NegativeOrZero(stayId);
        GuestId = Guard.Against.NegativeOrZero(guestId);
        RoomNumber = NormalizeRoom(roomNumber);
        SetDates(checkIn, checkOut);
        CreatedAt = now;
        UpdatedAt = now;
    }

    /// <summary>The hotel.</summary>
    public long SalonId { get; private set; }

    /// <summary>The hotel system's id for the stay, unique within the hotel.</summary>
    public long StayId { get; private set; }

    /// <summary>The guest (a customer).</summary>
    public long GuestId { get; private set; }

    public string RoomNumber { get; private set; }

    public DateOnly CheckIn { get; private set; }

    public DateOnly CheckOut { get; private set; }

    public DateTime? CheckedOutAt { get; private set; }

    public bool IsCheckedOut => CheckedOutAt is not null;

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public ParticipantRef Guest => ParticipantRef.Customer(GuestId);

    /// <summary>The key of the stay's one conversation (<see cref="Chat.UniqueKey"/>).</summary>
    public string ConversationKey => ConversationKeyOf(SalonId, StayId);

    public ChatContext ConversationContext => new(ContextType, StayId);

    public static string ConversationKeyOf(long salonId, long stayId) => FormattableString.Invariant($"stay:{salonId}:{stayId}");

    public static Stay Open(long salonId, long stayId, Customer guest, string roomNumber, DateOnly checkIn, DateOnly checkOut, DateTime now)
    {
        Guard.Against.RuleBroken(!guest.IsActive, "guest_inactive", "This guest's account is closed.");
        return new Stay(salonId, stayId, guest.Id, roomNumber, checkIn, checkOut, now);
    }

    /// <summary>
    /// Applies the hotel system's changes; answers what the guest should be told. A checked-out stay
    /// takes no more changes.
    /// </summary>
    public StayChange Update(string? roomNumber, DateOnly? checkIn, DateOnly? checkOut, bool checkedOut, DateTime now)
    {
        Guard.Against.RuleBroken(IsCheckedOut, "stay_checked_out", "The guest has checked out; the stay can no longer change.");

        var previousRoom = RoomNumber;
        var newRoom = roomNumber is null ? RoomNumber : NormalizeRoom(roomNumber);
        SetDates(checkIn ?? CheckIn, checkOut ?? CheckOut);
        RoomNumber = newRoom;
        if (checkedOut)
            CheckedOutAt = now;
        UpdatedAt = now;
        return new StayChange(newRoom != previousRoom ? previousRoom : null, checkedOut);
    }

    private void SetDates(DateOnly checkIn, DateOnly checkOut)
    {
        Guard.Against.RuleBroken(checkOut < checkIn, "check_out_before_check_in", "Check-out cannot come before check-in.");
        CheckIn = checkIn;
        CheckOut = checkOut;
    }

    private static string NormalizeRoom(string roomNumber)
    {
        var room = Guard.Against.NullOrWhiteSpace(roomNumber).Trim();
        Guard.Against.RuleBroken(room.Length > MaxRoomLength, "room_number_too_long", $"A room number is at most {MaxRoomLength} characters.");
        return room;
    }
}

/// <param name="PreviousRoom">The room the guest moved out of, when the room changed.</param>
/// <param name="CheckedOut">The guest checked out with this change.</param>
public sealed record StayChange(string? PreviousRoom, bool CheckedOut);
