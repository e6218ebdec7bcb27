package io.github.mcpoauth.handler;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ServerSentEvents}, after the event-stream parsing rules of the HTML Living
 * Standard §9.2.6.
 */
class ServerSentEventsTests {

	@Test
	void dataWhenOneEventThenItsData() {
		assertThat(ServerSentEvents.data("data: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}\n\n"))
			.containsExactly("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}");
	}

	@Test
	void dataWhenSeveralEventsThenTheDataOfEachInOrder() {
		assertThat(ServerSentEvents.data("data: first\n\ndata: second\n\ndata: third\n\n")).containsExactly("first",
				"second", "third");
	}

	@Test
	void dataWhenAnEventHasSeveralDataLinesThenTheyAreJoinedWithALineFeed() {
		assertThat(ServerSentEvents.data("data: {\ndata:   \"a\": 1\ndata: }\n\n")).containsExactly("{\n  \"a\": 1\n}");
	}

	@Test
	void dataWhenValueHasNoSpaceAfterTheColonThenItIsKeptWhole() {
		assertThat(ServerSentEvents.data("data:{\"a\":\"b:c\"}\n\n")).containsExactly("{\"a\":\"b:c\"}");
	}

	@Test
	void dataWhenValueHasTwoSpacesAfterTheColonThenOnlyOneIsDropped() {
		assertThat(ServerSentEvents.data("data:  indented\n\n")).containsExactly(" indented");
	}

	@Test
	void dataWhenLinesAreCommentsThenTheyAreIgnored() {
		assertThat(ServerSentEvents.data(": keep-alive\n\n: another comment\ndata: message\n: between\n\n"))
			.containsExactly("message");
	}

	@Test
	void dataWhenLinesEndWithCrlfOrCrThenTheyAreSplitTheSame() {
		assertThat(ServerSentEvents.data("data: one\r\ndata: two\r\n\r\ndata: three\r\rdata: four\r\n\r\n"))
			.containsExactly("one\ntwo", "three", "four");
	}

	@Test
	void dataWhenTheBodyEndsWithoutABlankLineThenTheLastEventIsKept() {
		assertThat(ServerSentEvents.data("data: first\n\ndata: last")).containsExactly("first", "last");
		assertThat(ServerSentEvents.data("data: only\n")).containsExactly("only");
	}

	@Test
	void dataWhenEventAndIdAndRetryFieldsThenTheyAddNoData() {
		String body = "event: message\nid: 42\nretry: 1000\ndata: {\"id\":1}\n\nevent: ping\nid: 43\n\n";

		assertThat(ServerSentEvents.data(body)).containsExactly("{\"id\":1}");
	}

	@Test
	void dataWhenAnEventHasNoDataFieldThenItIsNotAnEvent() {
		assertThat(ServerSentEvents.data("id: 1\n\n\n\nevent: x\n\n")).isEmpty();
	}

	@Test
	void dataWhenTheDataFieldIsEmptyThenTheEventHasEmptyData() {
		assertThat(ServerSentEvents.data("id: prime-1\ndata:\n\ndata\n\ndata: next\n\n")).containsExactly("", "",
				"next");
	}

	@Test
	void dataWhenTheBodyStartsWithAByteOrderMarkThenItIsIgnored() {
		assertThat(ServerSentEvents.data("\uFEFFdata: x\n\n")).containsExactly("x");
	}

	@Test
	void dataWhenTheFieldNameOnlyStartsWithDataThenItIsAnotherField() {
		assertThat(ServerSentEvents.data("datax: no\ndata: yes\n\n")).containsExactly("yes");
	}

	@Test
	void dataWhenTheBodyIsEmptyThenNoEvents() {
		assertThat(ServerSentEvents.data("")).isEmpty();
		assertThat(ServerSentEvents.data("\n\n")).isEmpty();
	}

}
