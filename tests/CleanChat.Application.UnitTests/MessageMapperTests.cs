using CleanChat.Application.Messages;
using CleanChat.Domain.Common;

namespace CleanChat.Application.UnitTests;

public class MessageMapperTests
{
    [Fact]
    public void A_message_maps_with_the_senders_ids_and_name()
    {
        var chat = Saved.Chat();
        var message = Saved.Message(chat, Callers.Customer.Participant, id: 7);

        var dto = MessageMapper.ToDto(message, "Carol");

        dto.ShouldSatisfyAllConditions(
            () => dto.Id.ShouldBe(7),
            () => dto.ChatId.ShouldBe(chat.Id),
            () => dto.Content.ShouldBe("hello"),
            () => dto.SenderType.ShouldBe(ParticipantType.Customer),
            () => dto.SenderCustomerId.ShouldBe(Callers.Customer.Participant.Id),
            () => dto.SenderUserId.ShouldBeNull(),
            () => dto.SenderName.ShouldBe("Carol"),
            () => dto.CreatedAt.ShouldBe(message.CreatedAt),
            () => dto.IsDeleted.ShouldBeFalse());
    }

    [Fact]
    public void A_deleted_message_maps_without_its_text()
    {
        var chat = Saved.Chat();
        var message = Saved.Message(chat, Callers.Staff.Participant, id: 8);
        message.SoftDelete(new Actor(Callers.Staff.Participant, Callers.SalonId, StaffRole.Staff), chat.SalonId, DateTime.UtcNow);

        var dto = MessageMapper.ToDto(message, "Sam");

        dto.IsDeleted.ShouldBeTrue();
        dto.Content.ShouldBeNull();
        dto.SenderUserId.ShouldBe(Callers.Staff.Participant.Id);
    }
}
