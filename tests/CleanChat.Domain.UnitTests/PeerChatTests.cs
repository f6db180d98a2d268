using CleanChat.Domain.Chats;
using CleanChat.Domain.Chats.Events;
using CleanChat.Domain.Common;
using static CleanChat.Domain.UnitTests.ChatFixtures;

namespace CleanChat.Domain.UnitTests;

/// <summary>Chats between two customers with no salon, about something (a marketplace's conversations).</summary>
public class PeerChatTests
{
    private static readonly ParticipantRef Provider = ParticipantRef.Customer(7);
    private static readonly ChatContext Service = new("Service", 42, "  Garden help  ");

    [Fact]
    public void A_peer_chat_has_its_two_customers_no_salon_and_its_context()
    {
        var chat = Chat.StartPeer(Customer, Provider, Service, Now);

        chat.Type.ShouldBe(ChatType.CustomerCustomer);
        chat.SalonId.ShouldBeNull();
        chat.Context.ShouldBe(new ChatContext("service", 42, "Garden help"));
        chat.Title.ShouldBe("Garden help");
        chat.Participants.Select(p => p.Participant).ShouldBe(new[] { Customer, Provider });
        chat.DomainEvents.Single().ShouldBeOfType<ChatCreated>().CreatedBy.ShouldBe(Customer);
    }

    [Fact]
    public void The_same_two_members_in_either_order_about_the_same_thing_have_one_identity()
    {
        var mine = Chat.StartPeer(Customer, Provider, Service, Now).UniqueKey;

        Chat.StartPeer(Provider, Customer, new ChatContext("service", 42, "another title"), Now).UniqueKey.ShouldBe(mine);
        Chat.StartPeer(Customer, Provider, new ChatContext("service", 43), Now).UniqueKey.ShouldNotBe(mine);
        Chat.StartPeer(Customer, Provider, new ChatContext("request", 42), Now).UniqueKey.ShouldNotBe(mine);
        Chat.StartPeer(Customer, ParticipantRef.Customer(8), Service, Now).UniqueKey.ShouldNotBe(mine);
    }

    [Fact]
    public void Chatting_with_oneself_or_with_staff_is_refused()
    {
        Should.Throw<DomainRuleViolationException>(() => Chat.StartPeer(Customer, Customer, Service, Now)).Code.ShouldBe("chat_needs_two_participants");
        Should.Throw<DomainRuleViolationException>(() => Chat.StartPeer(Customer, Staff, Service, Now)).Code.ShouldBe("chat_type_mismatch");
    }

    [Fact]
    public void A_salon_chat_cannot_be_a_customer_only_chat_and_a_peer_chat_takes_no_staff()
    {
        Should.Throw<DomainRuleViolationException>(() => Chat.Start(ChatType.CustomerCustomer, SalonId, null, Customer, new[] { Provider }, Now))
            .Code.ShouldBe("chat_type_mismatch");

        var chat = Chat.StartPeer(Customer, Provider, Service, Now);
        Should.Throw<DomainRuleViolationException>(() => chat.AddParticipant(Staff, Now)).Code.ShouldBe("chat_type_mismatch");
    }

    [Fact]
    public void No_salon_admin_moderates_a_peer_chat()
    {
        var admin = Actor.Staff(1, SalonId, StaffRole.Admin);

        admin.IsAdminOf(null).ShouldBeFalse();
        admin.IsAdminOf(SalonId).ShouldBeTrue();
    }

    [Fact]
    public void A_context_is_a_lower_case_kind_a_positive_id_and_a_title_of_at_most_200_characters()
    {
        new ChatContext(" General ").ShouldBe(new ChatContext("general", null, null));
        Should.Throw<ArgumentException>(() => new ChatContext("service", 0));
        Should.Throw<DomainRuleViolationException>(() => new ChatContext("service", 1, new string('x', 201))).Code.ShouldBe("context_title_too_long");
    }
}
