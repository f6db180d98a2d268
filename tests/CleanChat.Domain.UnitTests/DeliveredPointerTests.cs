using static CleanChat.Domain.UnitTests.ChatFixtures;

namespace CleanChat.Domain.UnitTests;

/// <summary>What was read has reached the reader: the read pointer carries the delivered pointer with it.</summary>
public class DeliveredPointerTests
{
    [Fact]
    public void Reading_moves_the_delivered_pointer_forward_with_the_read_pointer_and_never_back()
    {
        var chat = SavedChat();
        var older = SavedMessage(chat, Staff, id: 4);
        var newer = SavedMessage(chat, Staff, id: 9);

        chat.MarkReadUpTo(Customer, newer, Now).ShouldBeTrue();
        chat.MarkReadUpTo(Customer, older, Now.AddMinutes(1)).ShouldBeFalse();

        var customer = chat.FindActiveParticipant(Customer)!;
        customer.LastDeliveredMessageId.ShouldBe(9);
        customer.LastDeliveredAt.ShouldBe(Now);
        chat.FindActiveParticipant(Staff)!.LastDeliveredMessageId.ShouldBeNull();
    }
}
