using CleanChat.Domain.Common;

namespace CleanChat.Application.Common.Interfaces;

/// <summary>
/// Notes that messages of a chat reached a participant (a socket was handed the frame, or a history page
/// was fetched). Never waits and never queries: the recorder keeps the furthest message per participant
/// and chat, and persists and announces them in batches.
/// </summary>
public interface IDeliveryRecorder
{
    void Delivered(long chatId, ParticipantRef participant, long upToMessageId);
}
