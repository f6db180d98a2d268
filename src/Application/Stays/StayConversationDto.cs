using CleanChat.Application.Chats;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Messages;

namespace CleanChat.Application.Stays;

public sealed record StayDto(long StayId, long GuestId, string RoomNumber, DateOnly CheckIn, DateOnly CheckOut, bool IsCheckedOut);

/// <summary>A stay's conversation as the hotel's clients show it: the stay, the chat (seen by the caller), the guest, the latest message.</summary>
public sealed record StayConversationDto(StayDto Stay, ChatDto Chat, ParticipantProfile Guest, MessageDto? LastMessage);

/// <summary>A page of stay conversations, with the total for paging.</summary>
public sealed record StayConversationPage(IReadOnlyList<StayConversationDto> Conversations, int Total, int Page, int PageSize);
