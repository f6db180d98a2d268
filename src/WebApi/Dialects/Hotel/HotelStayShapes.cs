using CleanChat.Application.Stays;
using CleanChat.Infrastructure.Realtime.Protocol.Hotel;

namespace CleanChat.WebApi.Dialects.Hotel;

/// <summary>A stay as the hotel API answers it: its fields, its guest and its conversation.</summary>
public sealed record HotelStay(long StayId, HotelGuest Guest, string RoomNumber, DateOnly CheckIn, DateOnly CheckOut, bool CheckedOut, HotelConversation Conversation)
{
    public static HotelStay From(StayConversationDto found)
    {
        var conversation = HotelShapes.ToConversation(found);
        return new HotelStay(found.Stay.StayId, conversation.Guest, found.Stay.RoomNumber, found.Stay.CheckIn, found.Stay.CheckOut, found.Stay.IsCheckedOut, conversation);
    }
}

public sealed record CreateStayRequest(long? StayId, long? CustomerId, StayGuestRequest? Guest, string? RoomNumber, DateOnly? CheckIn, DateOnly? CheckOut);

public sealed record StayGuestRequest(string? PhoneNumber, string? Name);

public sealed record UpdateStayRequest(string? RoomNumber, DateOnly? CheckIn, DateOnly? CheckOut, bool? CheckedOut);

public sealed record SendHotelMessageRequest(string? Text);
