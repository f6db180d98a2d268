using CleanChat.Application.Messages;

namespace CleanChat.Application.Chats;

/// <summary>A peer chat as its member sees it: the chat, who the other member is, and its latest message.</summary>
public sealed record PeerChatDto(ChatDto Chat, ParticipantDto? OtherMember, MessageDto? LastMessage);

public sealed record PeerChatPage(IReadOnlyList<PeerChatDto> Chats, int Total, int Page, int PageSize);
