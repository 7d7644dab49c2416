/**
 * The PORTERS HRBC connector: {@link dev.renkei.porters.PortersJobSeekerProvider}, a job-seeker source for the
 * MyPage sync ({@code dev.renkei.core.mypage}).
 */
package dev.renkei.porters;
